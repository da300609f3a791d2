/**
 * Okabe–Ito colours (Okabe & Ito 2008), distinguishable under the common colour-vision deficiencies.
 * Every colour encoding on the site is doubled by shape or fill, so it also reads in greyscale.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** What each mark on the scatter means. Shapes: circle = no human data, triangle = trained on human maps. */
export const SCATTER_COLOURS = {
  standard: OKABE_ITO.blue,
  humanData: OKABE_ITO.vermillion,
  front: OKABE_ITO.black,
  reference: OKABE_ITO.bluishGreen,
  ceiling: OKABE_ITO.reddishPurple,
} as const;
