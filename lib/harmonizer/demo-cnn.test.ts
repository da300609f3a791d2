import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DemoCnn } from "./demo-cnn";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("DemoCnn", () => {
  it("exports a tf.layers model with the same logits as the training forward pass (input scale folded)", () => {
    const model = new DemoCnn({ numClasses: 4, channels: [4, 6, 5], pool: 8, seed: 3 });
    const raw = tf.randomUniform([2, 224, 224, 3], 0, 255, "float32", 9) as tf.Tensor4D;
    const trained = model.logits(tf.mul(raw, 1 / 255) as tf.Tensor4D, false).arraySync();
    const layers = model.toLayersModel(1 / 255);
    const exported = (layers.predict(raw) as tf.Tensor2D).arraySync();
    trained.flat().forEach((v, i) => expect(exported.flat()[i]).toBeCloseTo(v, 4));
    expect(Math.max(...trained.flat().map(Math.abs))).toBeGreaterThan(1e-3);
    layers.dispose();
    model.dispose();
  });
  it("rejects a wrong input size and class count", () => {
    expect(() => new DemoCnn({ numClasses: 1, channels: [2, 2, 2], pool: 8, seed: 1 })).toThrow(/numClasses/);
    const model = new DemoCnn({ numClasses: 3, channels: [2, 2, 2], pool: 8, seed: 1 });
    expect(() => model.logits(tf.zeros([1, 64, 64, 3]) as tf.Tensor4D, true)).toThrow(/224/);
    model.dispose();
  });
});
