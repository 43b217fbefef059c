/**
 * What the page asks the control plane for before anything else, in a module of its own (no
 * imports): the build reads it too, to have `index.html` ask for these while it is parsed.
 */

/** Where the dashboard's server forwards to the control plane. */
export const API_BASE_URL = '/api';

/** The reads that together give the control plane's capabilities, which every screen waits for. */
export const CAPABILITY_PATHS = ['/', '/config', '/_resources'] as const;
