/** A siting plan: which idle spaces become which services (indices into the scenario's candidates and services). */
export interface Conversion {
  /** Index into the scenario's candidates. */
  candidateIndex: number;
  /** Indices into the scenario's services, ascending. */
  serviceIndices: number[];
}

export interface Plan {
  conversions: Conversion[];
}

export const EMPTY_PLAN: Plan = { conversions: [] };
