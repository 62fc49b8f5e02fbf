import react from "@parley/eslint-config/react";

export default react;
