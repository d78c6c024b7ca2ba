/** The English file of an area has exactly the keys of its Dutch file (the compiler checks it). */
export type Dictionary<T> = { [K in keyof T]: T[K] extends string ? string : Dictionary<T[K]> };

/** A tree of texts, as i18next holds them. */
export type Tree = { [key: string]: string | Tree };
