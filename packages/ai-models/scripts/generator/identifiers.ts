/**
 * How the generator spells the names it makes: types in PascalCase, values in camelCase,
 * modules in kebab-case.
 *
 * @module
 */

/** The words of `text` (runs of letters and digits), each capitalized: `top_p` -> `TopP`. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * A value's name from any text (a property name): `top_p` -> `topP`; one that would start
 * with a digit starts with `_`.
 */
export function camelCase(text: string): string {
  const name = lowerFirst(pascalCase(text));
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A value's name from a type's: `SamplingOptions` -> `samplingOptions`. */
export function lowerFirst(typeName: string): string {
  return typeName.charAt(0).toLowerCase() + typeName.slice(1);
}

/** A module's file name from a type's: `Glm5_3FlashRequest` -> `glm5_3-flash-request`. */
export function kebabCase(typeName: string): string {
  return typeName
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}
