// Route: /docs/pytorch — how to submit a PyTorch (torchvision, timm) model as ONNX; same content as docs/submit-pytorch.md.
import type { Metadata } from "next";
import Link from "next/link";
import { PREPROCESSING_PRESETS } from "@/lib/types/submission-metadata";
import { getEnv } from "@/lib/env";
import { DEFAULT_MODEL_LIMITS, formatBytes } from "@/lib/types/model-limits";
import { ONNX_OPSET_RANGE, SUPPORTED_ONNX_OPS } from "@/lib/models/onnx/supported-ops";
import { TableScroll } from "@/components/site/table-scroll";
import {
  curlExample,
  EXPORT_TIMM,
  EXPORT_TORCHVISION,
  HELPER_FLAGS,
  HELPER_USAGE,
  ONNX_ERRORS,
  SPLIT_EXTERNAL_DATA,
  SUBMIT_HELPER_OUTPUT,
  TIMM_CONFIG,
  TORCHVISION_TRANSFORMS,
  CROSS_CHECK_FAILURE,
} from "./content";

export const metadata: Metadata = { title: "Submit a PyTorch model" };

// tabIndex: a block wider than the page scrolls, and a scrollable region must be reachable by keyboard (axe).
const Code = ({ label, children }: { label: string; children: string }) => (
  <pre aria-label={label} tabIndex={0}>
    <code>{children}</code>
  </pre>
);

export default function PytorchDocsPage() {
  const { min, max } = ONNX_OPSET_RANGE;
  const limits = DEFAULT_MODEL_LIMITS;
  const site = getEnv().PUBLIC_URL;
  return (
    <article>
      <h1>Submit a PyTorch model</h1>
      <p className="lede">
        The leaderboard evaluates ONNX files directly: what one <code>torch.onnx.export</code> call writes is imported into the same
        TensorFlow.js engine, protocol and gradient code as TF.js submissions. No onnx-tf, SavedModel or tensorflowjs_converter step.
      </p>
      <nav aria-label="On this page">
        <ul className="link-list">
          <li>
            <a href="#export">Export</a>
          </li>
          <li>
            <a href="#preprocessing">Preprocessing: scale, mean, std</a>
          </li>
          <li>
            <a href="#helper">The helper script</a>
          </li>
          <li>
            <a href="#upload">Upload</a>
          </li>
          <li>
            <a href="#errors">When it is refused</a>
          </li>
          <li>
            <a href="#ops">Supported ops</a>
          </li>
        </ul>
      </nav>

      <h2 id="export">
        1. Export: one <code>torch.onnx.export</code> call
      </h2>
      <ul>
        <li>
          <strong>One image input</strong>, float32, shape <code>[N, 3, 224, 224]</code> (or <code>[N, 224, 224, 3]</code>). Any input name.
          The batch axis must be <strong>free</strong> (<code>dynamic_axes</code>): the evaluator batches images (2 at a time for models
          under 10M parameters). The protocol evaluates at 224×224; export with a 224×224 example even if the model was trained at another
          size.
        </li>
        <li>
          <strong>Logits out, no softmax.</strong> Saliency is the gradient of the true class&apos;s <em>logit</em>. torchvision and timm
          classifiers already return logits; do not append a <code>Softmax</code>: nothing removes one from an ONNX graph, so an upload
          whose logits output is computed by a Softmax or LogSoftmax is refused. With several outputs, name the logits one in the{" "}
          <code>logits_node</code> field.
        </li>
        <li>
          <strong>
            Opset {min}–{max}
          </strong>{" "}
          accepted; export with <strong>13–17</strong> (17 is what the helper uses; the conformance tests export torchvision models at 13
          and 17).
        </li>
        <li>
          <strong>Weights</strong> float32 or float16 (float16 is upcast), no NaN or Infinity.
        </li>
      </ul>
      <h3>torchvision</h3>
      <Code label="Export a torchvision model">{EXPORT_TORCHVISION}</Code>
      <h3>timm (same call; only the model changes)</h3>
      <Code label="Export a timm model">{EXPORT_TIMM}</Code>
      <p>
        On a PyTorch whose <code>torch.onnx.export</code> has a <code>dynamo</code> argument, pass <code>dynamo=False</code> (its default
        became <code>True</code> in 2.9; the call above is the TorchScript exporter, checked here with torch 1.13).
      </p>
      <h3 id="external-data">Large models: external data</h3>
      <p>
        A protobuf file cannot exceed 2 GB, so <code>torch.onnx.export</code> writes the weights of a larger model as{" "}
        <strong>external data</strong>: separate files beside <code>model.onnx</code>, named by the <code>location</code> fields inside it.
        The importer reads them strictly from the upload&apos;s own folder (no absolute paths, no <code>..</code>, no symbolic links). This
        site&apos;s upload limits are tighter than 2 GB:{" "}
        <strong>
          at most {limits.maxFiles} files, {formatBytes(limits.maxFileBytes)} per file and {formatBytes(limits.maxTotalBytes)} in total
        </strong>
        , and {formatBytes(getEnv().MAX_UPLOAD_BYTES)} per request. A <code>model.onnx</code> over {formatBytes(limits.maxFileBytes)}{" "}
        therefore has to be split; this script moves every weight over 1 KiB into files of at most 200 MiB, and the weights hash (hence
        deduplication) is unchanged:
      </p>
      <Code label="Split the weights into external-data files">{SPLIT_EXTERNAL_DATA}</Code>
      <p>
        Upload <code>upload/model.onnx</code> with every <code>upload/weights-*.bin</code>, or zip the folder&apos;s files (
        <code>cd upload &amp;&amp; zip -0 ../model.zip model.onnx weights-*.bin</code>). A model whose weights exceed{" "}
        {formatBytes(limits.maxTotalBytes)} in total (ViT-L and larger) does not fit this site&apos;s limits.
      </p>

      <h2 id="preprocessing">2. Preprocessing: scale, mean, std</h2>
      <p>
        The site decodes each ClickMe image, resizes it 256→224 (bilinear, no crop) and feeds the model RGB values in{" "}
        <strong>[0, 255]</strong> after the transform the submission declares, per channel:
      </p>
      <p>
        <code>x′ = (x · scale − mean) / std</code>
      </p>
      <p>Only the normalisation of a model&apos;s own transforms carries over; their resize, crop and interpolation do not.</p>
      <p>
        <strong>torchvision weights.</strong> <code>weights.transforms()</code> converts the image to [0, 1] and normalises with{" "}
        <code>mean</code> and <code>std</code>:
      </p>
      <Code label="torchvision weights transforms">{TORCHVISION_TRANSFORMS}</Code>
      <p>
        so <strong>scale = 1/255, mean = 0.485,0.456,0.406, std = 0.229,0.224,0.225</strong>: the form&apos;s preset{" "}
        <em>{PREPROCESSING_PRESETS["torchvision-imagenet"].label}</em>. The same transform can be written in pixel units by multiplying mean
        and std by 255: scale = 1, mean = 123.675,116.28,103.53, std = 58.395,57.12,57.375. Both give the same x′; use whichever your code
        states. Never mix them (scale 1/255 with means in pixel units, or scale 1 with means in [0, 1]): such an upload is accepted and
        every score is silently wrong.
      </p>
      <p>
        <strong>timm.</strong> The data config says what the model was trained with:
      </p>
      <Code label="timm data config">{TIMM_CONFIG}</Code>
      <p>
        timm&apos;s transforms also divide by 255 first, so{" "}
        <strong>
          scale = 1/255, mean = <code>config[&quot;mean&quot;]</code>, std = <code>config[&quot;std&quot;]</code>
        </strong>
        . <code>input_size</code>, <code>crop_pct</code> and <code>interpolation</code> do not carry over (the site always feeds 224×224,
        resized without a crop).
      </p>
      <p>
        <strong>Worked example.</strong> A timm ViT whose config reports <code>mean (0.5, 0.5, 0.5), std (0.5, 0.5, 0.5)</code>: scale =
        1/255, mean = 0.5,0.5,0.5, std = 0.5,0.5,0.5 (the preset <em>{PREPROCESSING_PRESETS["keras-tf"].label}</em>). A red value of 200
        becomes (200/255 − 0.5)/0.5 = 0.5686. With the torchvision ImageNet values it becomes (200/255 − 0.485)/0.229 = 1.3070, the same as
        (200 − 123.675)/58.395 in pixel units.
      </p>
      <p>The channel order is RGB. A model trained on BGR input needs the channel flip inside the exported graph.</p>

      <h2 id="helper">
        3. The helper: <code>tools/onnx/export_onnx.py</code>
      </h2>
      <p>
        Optional, from a checkout of this site&apos;s repository: it makes the export call above and writes the form fields next to the
        model.
      </p>
      <Code label="Helper usage">{HELPER_USAGE}</Code>
      <TableScroll label="Helper flags">
        <table className="board">
          <caption>Flags</caption>
          <thead>
            <tr>
              <th scope="col">Flag</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {HELPER_FLAGS.map(([flag, meaning]) => (
              <tr key={flag}>
                <th scope="row">
                  <code>{flag}</code>
                </th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <code>submission.json</code> holds the submission&apos;s form fields: <code>name</code>, <code>family</code>,{" "}
        <code>training_data</code>, <code>trained_on_human_maps</code>, <code>preprocessing</code> (<code>custom</code>), <code>scale</code>{" "}
        (<code>1/255</code>), <code>mean</code> and <code>std</code> (from the torchvision weights&apos; transforms or timm&apos;s data
        config), <code>num_classes</code>, <code>logits_node</code> (<code>logits</code>) and <code>description</code>. Read it before you
        submit: <code>training_data</code> says ImageNet-1k for every pretrained model, and a timm model fine-tuned from ImageNet-21k should
        say so. The helper also prints a <code>curl</code> line; its <code>-F</code> fields cut the <code>description</code> at its first{" "}
        <code>;</code> (curl reads what follows as a part attribute), so prefer the script under <a href="#upload">Upload</a>, which sends
        every field as it is.
      </p>

      <h2 id="upload">4. Upload</h2>
      <p>
        <strong>Web form</strong> (<Link href="/submit">Submit a model</Link>, signed in): choose <code>model.onnx</code> (any{" "}
        <code>*.onnx</code> name; it is stored as <code>model.onnx</code>) together with its external-data files, or one <code>.zip</code>{" "}
        holding them at its top level. Fill the fields from <code>submission.json</code>; for the preprocessing choose the matching preset
        or <em>Custom</em> with scale, mean and std.
      </p>
      <p>
        <strong>API</strong>: <code>POST /api/v1/submissions</code>, multipart, with a personal API token from your{" "}
        <Link href="/account">account</Link>. Each file goes in a <code>files</code> part. <code>--form-string</code> sends a value as it is
        (curl&apos;s <code>-F</code> would interpret <code>;type=</code> or a leading <code>@</code> or <code>&lt;</code> in it).
      </p>
      <Code label="Submit with curl">{curlExample(site)}</Code>
      <p>
        With a custom transform replace the <code>preprocessing</code> line by{" "}
        <code>
          --form-string preprocessing=custom --form-string scale=1/255 --form-string mean=0.5,0.5,0.5 --form-string std=0.5,0.5,0.5
        </code>
        ; with external data add one <code>-F files=@weights-1.bin</code> per file (or send one <code>-F files=@model.zip</code>). Optional
        fields: <code>description</code>, <code>fine_tuned_from</code> (a model slug), <code>paper_url</code>, <code>licence</code>,{" "}
        <code>logits_node</code>, <code>visibility</code> (<code>public</code> or <code>private</code>), <code>previous_version</code> (the
        slug of your earlier version).
      </p>
      <p>To submit exactly what the helper wrote:</p>
      <Code label="Submit the helper's output">{SUBMIT_HELPER_OUTPUT}</Code>
      <p>
        A <code>201</code> answer holds the model&apos;s <code>slug</code>, its <code>format</code>, <code>weights_hash</code> and{" "}
        <code>status_url</code> (the page where the evaluation shows up), and the queued jobs. Identical weights already on the board are
        refused: the hash covers the tensor contents in graph order, so exporting the same weights twice gives the same hash.
      </p>

      <h2 id="errors">5. When it is refused</h2>
      <p>
        Every refusal is a 4xx with <code>{`{"error": {"code", "message"}}`}</code>, and nothing is stored. A field error (
        <code>bad_request</code>) names the field. Errors in the files (<code>invalid_upload</code>) say which file; the model&apos;s own
        errors (<code>invalid_model</code>) are the importer&apos;s, below (&ldquo;…&rdquo; stands for the names and numbers the message
        fills in). The table&apos;s last row and the cross-check after it come later, from the evaluation: the upload was accepted, and the
        failed evaluation shows on the submission&apos;s status page.
      </p>
      <TableScroll label="Importer errors">
        <table className="board">
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">What it means, what to do</th>
            </tr>
          </thead>
          <tbody>
            {ONNX_ERRORS.map((e) => (
              <tr key={e.message}>
                <th scope="row">
                  <code>{e.message}</code>
                </th>
                <td>{e.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <strong>Cross-check against onnxruntime.</strong> An accepted ONNX model is checked once more when a worker picks up its first job:
        the dry run feeds the first 2 benchmark images, preprocessed as declared, to the converted graph and to the original file in
        onnxruntime (CPU), and compares the logits. The tolerance is 0.001 × the largest |logit| (at least 0.001). If they disagree, the
        evaluation fails as <code>invalid_model</code> on the submission&apos;s status page with
      </p>
      <Code label="Cross-check failure">{CROSS_CHECK_FAILURE.message}</Code>
      <p>
        naming the first node whose output differs (found by comparing intermediate outputs). It means the importer computes that op
        differently from onnxruntime for your model&apos;s attributes: it is the site&apos;s bug, not yours; please report it with the
        message. When the check passes, its figures (largest difference, tolerance, images, onnxruntime version) are part of the
        result&apos;s provenance and shown on the result page.
      </p>

      <h2 id="ops">6. Supported ops</h2>
      <p>
        Opset {min}–{max}, {SUPPORTED_ONNX_OPS.length} ops of the default domain. Constant subgraphs (Shape/Gather/Concat/Reshape chains,
        Constant, ConstantOfShape, Range, Expand) are folded when the model loads.
      </p>
      <TableScroll label="Supported ONNX ops">
        <table className="board">
          <caption>ONNX ops the importer runs, and the semantics that matter</caption>
          <thead>
            <tr>
              <th scope="col">Op</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {SUPPORTED_ONNX_OPS.map((o) => (
              <tr key={o.op}>
                <th scope="row">
                  <code>{o.op}</code>
                </th>
                <td>{o.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </article>
  );
}
