import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** `fn` throws an invalid_model AppError whose message matches. */
export function expectInvalid(fn: () => unknown, message: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("invalid_model");
  expect((err as AppError).message).toMatch(message);
}
