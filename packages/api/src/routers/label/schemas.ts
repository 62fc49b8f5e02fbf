import { z } from "zod";

export const labelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string(),
  description: z.string(),
});

export const saveLabelInput = z.object({
  id: z.uuid().optional(),
  name: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N} _.-]+$/u, "Use letters, digits, spaces, dots, dashes or underscores"),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "A colour like #3b82f6")
    .default("#64748b"),
  description: z.string().trim().max(300).default(""),
});

export const setLabelInput = z.object({ discussionId: z.uuid(), labelId: z.uuid() });
