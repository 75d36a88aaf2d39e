interface ImportMetaEnv {
  /** Foyer's address, e.g. `https://foyer.ville.fr`. */
  readonly VITE_FOYER_API?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
