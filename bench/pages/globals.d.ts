// What bench/pages/probe.js puts on `window` for the bundled bench pages.
interface BenchProbe {
  markInteractive(): void;
  fail(reason: unknown): void;
  deepQueryAll(root: ParentNode, selector: string): Element[];
  whenRendered(check: () => boolean, done: () => void, timeoutMs?: number): void;
}

interface Window {
  __bench: BenchProbe;
}

declare module '*.css' {
  const text: string;
  export default text;
}
