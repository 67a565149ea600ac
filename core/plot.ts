/**
 * A cost model's figures as plots (`CostModel.plots`): what the report draws as SVG (report/plot-svg.ts).
 * Data only: each axis with its quantity and unit, curves computed by the model, the levels a curve tends
 * to (SCR's 1/c2), and the points the sources publish, marked where they lie.
 */
export interface Axis {
  /** The quantity ("cores", "line rate"). */
  readonly label: string;
  /** Its unit ("Mpps", "Gbit/s"; "" for a count). */
  readonly unit: string;
  readonly scale?: "linear" | "log";
}

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [x: number, y: number])[];
}

/** A horizontal level: a limit a series tends to. */
export interface Level {
  readonly name: string;
  readonly y: number;
  /** The series it belongs to (drawn in its colour). */
  readonly series?: string;
}

/** A point a source publishes. */
export interface Published {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Where it is published: "SCR Fig. 9", "slides p. 31". */
  readonly source: string;
}

export interface Plot {
  /** Stable and unique within the report (an HTML id). */
  readonly id: string;
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  readonly levels?: readonly Level[];
  /** What the levels are, for the legend (default "limit"). */
  readonly levelsLabel?: string;
  readonly published?: readonly Published[];
  /** One line under the plot: the formula, the parameters. */
  readonly caption?: string;
}
