export * from './types';
export * from './default-ruleset';
export * from './ruleset-validation';
export * from './compile';
export * from './lifecycle';
export { normaliseName, normaliseHsCode } from './normalise';
export { samplingScore } from './rules/random-sampling';
export { isWatchlistEntryActive } from './rules/watchlist';
export { utcDatePlusDays } from './rules/expiry-before-arrival';
