/**
 * @module probe/section
 * What one section of the outside probe (`npm run probe`) reports: how many hostile inputs it tried,
 * what happened to them, and what was lost or duplicated. docs/RELIABILITY.md holds the figures.
 */

export interface ProbeSection {
  /** Short name, e.g. "hostile files", "kill -9 around digest delivery". */
  name: string;
  /** Inputs (files, requests, runs) tried. */
  tried: number;
  /** Outcome counts, e.g. { refused: 2200, ingested: 57 }. */
  outcomes: Record<string, number>;
  /** Stored articles (or posts, subscriptions...) lost or altered by an input that did not own them. */
  lost: number;
  /** Posts or articles that appeared twice. */
  duplicated: number;
  /** Targets of issue 13 this section checks, each with whether it was met. */
  targets: { target: string; met: boolean; measured: string }[];
  /** Anything a reader of the report should know (slowest case, worst memory, failures). */
  notes: string[];
}

export interface ProbeOptions {
  /** Smaller runs (fewer files, fewer kill loops) for a quick check; the full run is the default. */
  quick: boolean;
  /** A scratch folder for this section (deleted by the runner afterwards). */
  workDir: string;
  log: (line: string) => void;
}

export type ProbeRunner = (options: ProbeOptions) => Promise<ProbeSection>;
