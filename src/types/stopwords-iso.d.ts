declare module 'stopwords-iso' {
  const stopwords: Record<string, string[]>;
  export = stopwords;
}
