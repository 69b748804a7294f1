/** The baseline: no monitoring SDK at all. Every other SDK's figure is compared with this page's. */
export function install(_origin: string): void {}
