// Registry ids are PyTorch's snake_case names; WGSL functions use camelCase of the same id,
// so one grep finds both sides: `three_hump_camel` → `threeHumpCamelSurface`, `adam` → `adamStep`.

export function camelCase(id: string): string {
  return id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export const surfaceFn = (id: string): string => `${camelCase(id)}Surface`;
export const optimizerFn = (id: string): string => `${camelCase(id)}Step`;
export const scheduleFn = (id: string): string => `${camelCase(id)}Step`;
