/** The most cores an SCR config may have (a constant of its own, so the command line checks --cores without loading the model). */
export const MAX_CORES = 64;
