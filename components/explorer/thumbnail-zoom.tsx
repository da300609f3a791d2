"use client";
/**
 * A thumbnail that enlarges on click. Without JavaScript it is a plain link to the stored PNG; with it, the click
 * opens a modal <dialog> holding the picture at four times the size. Escape, the Close button or a click on the
 * backdrop closes it, and focus returns to the thumbnail.
 */
import { useEffect, useRef, useState, type MouseEvent } from "react";

type Props = { src: string; alt: string; caption: string };

export function ThumbnailZoom({ src, alt, caption }: Props) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLAnchorElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  const onClick = (ev: MouseEvent<HTMLAnchorElement>) => {
    // A modified click (new tab, download) keeps the link's own behaviour.
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    setOpen(true);
  };
  const onClose = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  return (
    <>
      <a ref={trigger} href={src} className="explorer-zoom" aria-haspopup="dialog" aria-label={`Enlarge: ${alt}`} onClick={onClick}>
        {/* eslint-disable-next-line @next/next/no-img-element -- small stored PNGs served by our own API */}
        <img src={src} alt={alt} width={112} height={112} loading="lazy" />
      </a>
      {open && (
        <dialog
          ref={dialog}
          className="explorer-dialog"
          aria-label={`${caption} (enlarged)`}
          onClose={onClose}
          onClick={(ev) => {
            if (ev.target === ev.currentTarget) dialog.current?.close();
          }}
        >
          <figure>
            {/* eslint-disable-next-line @next/next/no-img-element -- the same stored PNG, shown larger */}
            <img src={src} alt={alt} width={448} height={448} />
            <figcaption>{caption}</figcaption>
          </figure>
          <form method="dialog">
            <button type="submit" className="button" autoFocus>
              Close
            </button>
          </form>
        </dialog>
      )}
    </>
  );
}
