export * from './common.js';
export * from './member.js';
export * from './catalogue.js';
export * from './booking.js';
export * from './notice.js';
export * from './audit.js';
