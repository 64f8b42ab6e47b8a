// asl-validator ships no type declarations; this is the part of its API the tests use.
declare module 'asl-validator' {
  const validator: (definition: unknown) => { isValid: boolean; errors: unknown[] };
  export default validator;
}
