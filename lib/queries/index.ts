export * from "./db";
export * from "./leaderboard";
export * from "./models";
export * from "./benchmarks";
export * from "./reference-points";
export * from "./ranks";
