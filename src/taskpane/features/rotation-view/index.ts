/** Rotation view: its form, its Excel writer and its preview drawing. */
export { RotationViewForm } from "./RotationViewForm";
export { writeRotationView } from "./rotation-view-writer";
export { drawRotationView } from "./rotation-view-preview";
