/** The step-up settings (lib/config.ts `stepUp`), apart so that pure code and the browser can name them without the config. */
export interface StepUpPolicy {
  /** 0: no limit. */
  maxAgeSeconds: number;
  /** One of these `acr` values is required, when any. */
  acr: readonly string[];
  /** Every one of these `amr` values is required. */
  amr: readonly string[];
}
