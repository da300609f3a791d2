export const HARMONIZATION_PAPER = {
  text:
    "Fel, T., Felipe, I., Linsley, D., & Serre, T. (2022). Harmonizing the object recognition strategies of deep " +
    "neural networks with humans. Advances in Neural Information Processing Systems 35 (NeurIPS 2022).",
  url: "https://arxiv.org/abs/2211.04533",
  bibtex: `@inproceedings{fel2022harmonizing,
  title     = {Harmonizing the object recognition strategies of deep neural networks with humans},
  author    = {Fel, Thomas and Felipe, Ivan and Linsley, Drew and Serre, Thomas},
  booktitle = {Advances in Neural Information Processing Systems (NeurIPS)},
  volume    = {35},
  year      = {2022}
}`,
};
