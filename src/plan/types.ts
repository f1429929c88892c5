/** A siting plan: which idle spaces become which services (indices into the scenario's candidates and services). */
export interface Conversion {
  candidate: number;
  services: number[];
}

export interface Plan {
  conversions: Conversion[];
}

export const EMPTY_PLAN: Plan = { conversions: [] };
