/** Replaced at build time by scripts/build.ts (and set as globals by the page test setup). */
declare const __API_TARGET__: 'local' | 'cloud';
declare const __DEVCLOUD_URL__: string;
