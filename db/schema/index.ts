export * from "./benchmarks";
export * from "./models";
export * from "./evaluations";
export * from "./reference-points";
export * from "./jobs";
export * from "./auth";
export * from "./snapshots";
export * from "./worker-sightings";
