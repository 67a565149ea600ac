/**
 * The browser the report test drives: Debian's `chromium` (browser downloads cannot work here), found as
 * $NFCHECK_CHROMIUM, or `chromium` / `chromium-browser` on the PATH. Without one the test fails with this
 * sentence, not with a launch error: `.ci/run` installs it; locally, `apt-get install chromium`.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function findChromium(): string {
  const given = process.env.NFCHECK_CHROMIUM;
  if (given !== undefined && given !== "") return given;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  throw new Error("no Chromium found for the report's browser test: install Debian's chromium (apt-get install chromium; .ci/run does) or set NFCHECK_CHROMIUM to its path");
}
