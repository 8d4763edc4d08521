/** Next.js gives a repeated query parameter as an array; the portal reads the first value only. */
export type SearchParams = Record<string, string | string[] | undefined>;

export const firstParam = (value: string | string[] | undefined | null): string | undefined =>
  (Array.isArray(value) ? value[0] : value) ?? undefined;
