/** The answers a matrix collected: what each caller should have got, what it got, and what refused callers wrote. */
import type { Expected } from "./callers";

export type Got = Expected | "not run";

export interface Cell {
  caller: string;
  expected: Expected;
  got: Got;
  status: number;
  /** Why an answer is wrong although its gate is right (a 5xx, an allowed request that did not succeed). */
  problem?: string;
}

export class Matrix {
  /** The callers in the order the columns print them. */
  constructor(private readonly callers: readonly string[]) {}

  readonly rows: { label: string; needs: string; cells: Cell[] }[] = [];
  /** "<row>: <tables>" for each row whose refused requests moved a table. */
  readonly writesByRefused: string[] = [];

  row(label: string, needs: string) {
    const row = { label, needs, cells: [] as Cell[] };
    this.rows.push(row);
    return row;
  }

  get cells() {
    return this.rows.flatMap((r) => r.cells.map((c) => ({ ...c, row: r.label })));
  }

  mismatches(): string[] {
    return this.cells
      .filter((c) => c.got !== c.expected || c.problem)
      .map(
        (c) =>
          `${c.row} as ${c.caller}: expected ${c.expected}, got ${c.got} (${c.status})${c.problem ? `: ${c.problem}` : ""}`,
      );
  }

  figures() {
    const cells = this.cells;
    return {
      rows: this.rows.length,
      requests: cells.length,
      allowed: cells.filter((c) => c.expected === "allowed").length,
      refused401: cells.filter((c) => c.expected === "unauthenticated").length,
      refused403: cells.filter((c) => c.expected === "forbidden").length,
      mismatches: this.mismatches().length,
      writesByRefused: this.writesByRefused.length,
    };
  }

  /** One line per row: each caller's status, the ones the table allows marked with "+". */
  print(title: string) {
    const width = Math.max(...this.rows.map((r) => `${r.label} [${r.needs}]`.length));
    const lines = [`${"".padEnd(width)} ${this.callers.map((c) => c.padStart(16)).join("")}`];
    for (const r of this.rows) {
      const cells = this.callers.map((caller) => {
        const c = r.cells.find((cell) => cell.caller === caller);
        return (c ? `${c.expected === "allowed" ? "+" : ""}${c.status}` : "-").padStart(16);
      });
      lines.push(`${`${r.label} [${r.needs}]`.padEnd(width)} ${cells.join("")}`);
    }
    console.log(`[security] ${title}\n${lines.join("\n")}`);
  }
}
