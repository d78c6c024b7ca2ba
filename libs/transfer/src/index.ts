export * from './csv.js';
export * from './action-file.js';
export * from './action-export.js';
export * from './action-import.js';
