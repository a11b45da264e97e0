declare module 'lunr-languages/lunr.stemmer.support' {
  const register: (lunr: unknown) => void;
  export default register;
}
declare module 'lunr-languages/lunr.es' {
  const register: (lunr: unknown) => void;
  export default register;
}
