// madge ships no types; the architecture spec uses only this much of it.
declare module "madge" {
  interface MadgeResult {
    obj(): Record<string, string[]>;
    circular(): string[][];
  }
  export default function madge(
    paths: string | string[],
    config?: { fileExtensions?: string[]; tsConfig?: string; excludeRegExp?: RegExp[] },
  ): Promise<MadgeResult>;
}
