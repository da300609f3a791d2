ALTER TABLE "models" ADD COLUMN "onnx_opset" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "onnx_producer" text;