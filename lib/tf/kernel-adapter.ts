import * as tf from "@tensorflow/tfjs";

type KernelFunc = tf.KernelConfig["kernelFunc"];
type Backend = tf.KernelBackend;
type TensorInfo = tf.TensorInfo;

/**
 * A kernel for `kernelName` on any backend that runs the cpu backend's implementation: inputs are read from the
 * calling backend, the cpu kernel runs on copies, outputs are written back. Used for kernels wasm lacks and that
 * are not on the input-gradient path (so their speed does not matter).
 */
export function adaptCpuKernel(kernelName: string): KernelFunc {
  const cpuKernel = tf.getKernel(kernelName, "cpu");
  if (cpuKernel == null) throw new Error(`The cpu backend has no kernel '${kernelName}' to adapt`);
  return ({ inputs, attrs, backend }) => {
    const cpu = tf.findBackend("cpu") as Backend | null;
    if (cpu == null) throw new Error("The cpu backend is not available to run an adapted kernel");
    const from = backend as Backend;
    const created = new Set<object>();
    const cpuInputs: Record<string, TensorInfo> = {};
    for (const [key, info] of Object.entries(inputs)) {
      if (info == null) continue;
      const dataId = cpu.write(from.readSync(info.dataId), info.shape, info.dtype);
      created.add(dataId);
      cpuInputs[key] = { dataId, shape: info.shape, dtype: info.dtype };
    }
    try {
      const out = cpuKernel.kernelFunc({ inputs: cpuInputs, attrs, backend: cpu });
      const outs = Array.isArray(out) ? out : [out];
      const back = outs.map((o) => {
        created.add(o.dataId);
        return { dataId: from.write(cpu.readSync(o.dataId), o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
      });
      return Array.isArray(out) ? back : back[0];
    } finally {
      for (const dataId of created) cpu.disposeData(dataId, true);
    }
  };
}

/** A zero-filled output written through the backend's generic `write`, so it works on every backend. */
export function zerosInfo(backend: Backend, shape: number[]): TensorInfo {
  const size = shape.reduce((a, b) => a * b, 1);
  return { dataId: backend.write(new Float32Array(size), shape, "float32"), shape, dtype: "float32" };
}
