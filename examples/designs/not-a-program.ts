/** A module that exports something else than an SCR program. */
export const threshold = 300;
export default { name: "half a program", metaBytes: 4, init: () => new Map() };
