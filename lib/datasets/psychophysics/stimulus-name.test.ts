import { describe, expect, it } from "vitest";
import { imagenetResolver } from "./class-resolver";
import { IMAGENET_SYNSETS } from "@/lib/benchmarks/imagenet-synsets";
import { parseStimulusName, StimulusNameError } from "./stimulus-name";

describe("stimulus file names", () => {
  it("parses all 11 levels to logspace(0, 2, 11) % (numpy's values)", () => {
    // numpy.logspace(0, 2, 11), as hard-coded in the authors' parsing_results
    const numpy = [
      1.0, 1.5848931924611136, 2.51188643150958, 3.981071705534973, 6.309573444801933, 10.0, 15.848931924611142, 25.11886431509581,
      39.810717055349734, 63.09573444801933, 100.0,
    ];
    const levels = ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "full"];
    levels.forEach((level, k) => {
      const s = parseStimulusName(`${level}_sorrel4.png`);
      expect(s).toMatchObject({ level, levelIndex: k, classWords: ["sorrel"], classKey: "sorrel", sample: 4 });
      expect(s.revealedPercent).toBeCloseTo(numpy[k], 12);
    });
  });

  it("joins multi-word classes without separators and keeps the trailing digit as the sample", () => {
    expect(parseStimulusName("10_great_white_shark3.png")).toMatchObject({
      classWords: ["great", "white", "shark"],
      classKey: "greatwhiteshark",
      sample: 3,
      levelIndex: 1,
    });
    expect(parseStimulusName("full_trailer_truck0.png")).toMatchObject({ classKey: "trailertruck", level: "full", sample: 0 });
  });

  it("refuses names outside the pattern, saying what is allowed", () => {
    for (const bad of [
      "15_sorrel1.png",
      "10_sorrel.png",
      "10-sorrel1.png",
      "10_sorrel1.jpg",
      "10__sorrel1.png",
      "100_sorrel1.png",
      "10_sorrel12.png",
    ]) {
      expect(() => parseStimulusName(bad), bad).toThrow(StimulusNameError);
    }
    expect(() => parseStimulusName("15_sorrel1.png")).toThrow("level one of 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, full");
  });
});

describe("ImageNet class words", () => {
  it("has the 1000 ILSVRC-2012 synsets in wnid order", () => {
    expect(IMAGENET_SYNSETS).toHaveLength(1000);
    const wnids = IMAGENET_SYNSETS.map((l) => l.split(" ")[0]);
    expect(wnids.every((w) => /^n\d{8}$/.test(w))).toBe(true);
    expect([...wnids].sort()).toEqual(wnids);
    expect(new Set(wnids).size).toBe(1000);
  });

  it("resolves every exp_1 class through its synonyms, animals below 398 and vehicles above", () => {
    const r = imagenetResolver();
    // Indices from the standard synset list: 22 bald eagle, 232 Border collie, 2 great white shark, 290 jaguar
    // ("panther" is a synonym of 286 cougar and of 290 jaguar; the later wins, as in the reference), 339 sorrel,
    // 404 airliner, 779 school bus, 814 speedboat, 817 sports car, 867 trailer truck.
    const expected: Record<string, number> = {
      bald_eagle: 22,
      border_collie: 232,
      great_white_shark: 2,
      panther: 290,
      sorrel: 339,
      airliner: 404,
      school_bus: 779,
      speedboat: 814,
      sportscar: 817,
      trailer_truck: 867,
    };
    for (const [words, index] of Object.entries(expected)) {
      const { classKey } = parseStimulusName(`50_${words}1.png`);
      expect(r.resolve(classKey), words).toBe(index);
      expect(r.resolve(classKey) < 398, words).toBe(index < 398);
    }
    expect(r.candidates("panther")).toEqual([286, 290]);
    expect(IMAGENET_SYNSETS[290]).toBe("n02128925 jaguar, panther, Panthera onca, Felis onca");
    expect(r.resolve("whiteshark")).toBe(2);
    expect(r.resolve("Man-Eater")).toBe(2);
  });

  it("names unknown class words", () => {
    expect(() => imagenetResolver().resolve("unicorn")).toThrow("The class words 'unicorn' match no synonym of the ImageNet-1k classes");
  });
});
