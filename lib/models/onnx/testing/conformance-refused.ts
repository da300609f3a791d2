/**
 * ONNX node-test cases (libonnx-testdata 1.12) whose ops the importer implements but whose attributes, dtypes or
 * value kinds it does not: each must be refused with an AppError matching `message`, never answered with a wrong
 * number. None of these occurs in an inference export of an image classifier.
 */
type Refusal = { why: string; message: RegExp };

const threeD: Refusal = { why: "3-D pooling (video models); tfjs pools are 2-D", message: /a 3-D input \(only 1-D and 2-D\) is not supported/ };
const bnTraining: Refusal = { why: "training-mode BatchNormalization uses batch statistics; exports are in eval mode", message: /training_mode = 1 \(batch statistics\) is not supported/ };
const dropoutTraining: Refusal = { why: "training-mode Dropout draws a random mask: no reference value to match", message: /training_mode = true with ratio > 0 \(random masks\) is not supported/ };
const bf16Input: Refusal = { why: "a bfloat16 graph input cannot be fed as a tfjs tensor (and 1.12's data stores it as uint16)", message: /graph input "\w+" is bfloat16; inputs must be/ };
const stringInput: Refusal = { why: "string tensors are not numeric", message: /graph input "\w+" is string; inputs must be/ };
const maxpoolIndices: Refusal = { why: "MaxPool's Indices output (argmax) has no tfjs equivalent with ONNX's storage order", message: /MaxPool node "\w+": the Indices output is not supported/ };

export const REFUSED: Record<string, Refusal> = {
  test_averagepool_3d_default: threeD,
  test_maxpool_3d_default: threeD,
  test_batchnorm_epsilon_training_mode: bnTraining,
  test_batchnorm_example_training_mode: bnTraining,
  test_training_dropout: dropoutTraining,
  test_training_dropout_default: dropoutTraining,
  test_training_dropout_default_mask: dropoutTraining,
  test_training_dropout_mask: dropoutTraining,
  test_cast_BFLOAT16_to_FLOAT: bf16Input,
  test_castlike_BFLOAT16_to_FLOAT_expanded: bf16Input,
  test_castlike_FLOAT_to_BFLOAT16_expanded: bf16Input,
  test_cast_FLOAT_to_BFLOAT16: { why: "float32 → bfloat16 rounding is not implemented", message: /Cast node "\w+": a cast to bfloat16 is not supported/ },
  test_cast_FLOAT_to_STRING: { why: "number formatting to strings", message: /Cast node "\w+": a cast to string is not supported/ },
  test_cast_STRING_to_FLOAT: stringInput,
  test_castlike_STRING_to_FLOAT_expanded: stringInput,
  test_castlike_FLOAT_to_STRING_expanded: stringInput,
  test_identity_opt: { why: "optional values (control flow)", message: /graph input "opt_in" is an optional; only tensors are supported/ },
  test_identity_sequence: { why: "sequence values", message: /graph input "x" is a sequence; only tensors are supported/ },
  test_maxpool_2d_dilations: { why: "dilated max pooling (no torchvision model uses it)", message: /MaxPool node "\w+": dilations \[2,2\] is not supported/ },
  test_maxpool_with_argmax_2d_precomputed_pads: maxpoolIndices,
  test_maxpool_with_argmax_2d_precomputed_strides: maxpoolIndices,
  test_scatternd_multiply: { why: "a multiplicative scatter (tfjs's scatterND only sums)", message: /ScatterND node "\w+": reduction "mul" is not supported/ },
};
