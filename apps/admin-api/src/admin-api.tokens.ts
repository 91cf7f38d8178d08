/** Injection tokens for the values the app is built from (explicit: esbuild emits no decorator metadata). */
export const DATABASE = Symbol('Database');
export const APP_CONFIG = Symbol('AppConfig');
export const LOGGER = Symbol('Logger');
