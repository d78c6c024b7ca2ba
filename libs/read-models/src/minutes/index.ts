export * from './meeting-doc.js';
export * from './minutes.js';
export * from './render.js';
export * from './pdf.js';
