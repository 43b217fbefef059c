/**
 * What other features may use of `dataplanes`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
export { formatTime } from './format';
