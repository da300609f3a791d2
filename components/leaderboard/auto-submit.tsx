"use client";
/**
 * Submits the surrounding filter form when a control changes (text after a pause), and after a navigation
 * puts the URL's values back into the uncontrolled inputs (e.g. after "Clear all" or the browser's back button).
 */
import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

const TEXT_DELAY_MS = 400;

export function AutoSubmit() {
  const ref = useRef<HTMLSpanElement>(null);
  const params = useSearchParams();

  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const submit = () => form.requestSubmit();
    const onChange = (ev: Event) => {
      const t = ev.target as HTMLInputElement;
      if (t.type === "search" || t.type === "text") return;
      submit();
    };
    const onInput = (ev: Event) => {
      const t = ev.target as HTMLInputElement;
      if (t.type !== "search" && t.type !== "text") return;
      clearTimeout(timer);
      timer = setTimeout(submit, TEXT_DELAY_MS);
    };
    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("change", onChange);
      form.removeEventListener("input", onInput);
    };
  }, []);

  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    for (const el of Array.from(form.elements)) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || el.type === "hidden") continue;
      if (el === document.activeElement && el instanceof HTMLInputElement && el.type !== "checkbox") continue;
      if (el instanceof HTMLInputElement && el.type === "checkbox")
        el.checked = params
          .getAll(el.name)
          .flatMap((v) => v.split(","))
          .includes(el.value);
      else if (el instanceof HTMLSelectElement) el.value = params.get(el.name) || el.options[0]?.value || "";
      else el.value = params.get(el.name) ?? "";
    }
  }, [params]);

  return <span ref={ref} hidden />;
}
