/** Replaced at build time by scripts/build.ts (and set as globals by the page test setup). */
declare const __API_TARGET__: 'local' | 'cloud';
declare const __DEVCLOUD_URL__: string;
/** The demo personas (scripts/seed/personas.ts) in a local build; empty in a cloud build. */
declare const __LOCAL_PERSONAS__: ReadonlyArray<{ openid: string; label: string }>;
/** name → subscribe-message template id of this deployment (core/notify/templates.ts). */
declare const __SUBSCRIBE_TEMPLATE_IDS__: Readonly<Record<string, string>>;
