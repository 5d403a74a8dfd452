export const FIRST_STEPS: Record<'plan' | 'account' | 'mailbox', string[]>;
export interface InitialSize {
  step: keyof typeof FIRST_STEPS;
  locale: 'it' | 'en';
  files: number;
  bytes: number;
}
export function dropInSizes(dist?: string): {
  gzipOf(file: string): number;
  sum(files: Iterable<string>): number;
  initial(step: keyof typeof FIRST_STEPS, locale: 'it' | 'en'): InitialSize;
  dropIn: string[];
  all: number;
};
