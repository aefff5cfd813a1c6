/**
 * `en.json?all`: the whole English catalogue as a module apart from `en.json`, which the
 * first view imports section by section (see `completeEnglish` in `src/i18n/catalogues.ts`).
 */
declare module '*.json?all' {
  const catalogue: { [key: string]: string | { [key: string]: unknown } };
  export default catalogue;
}
