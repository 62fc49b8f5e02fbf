import base from "@parley/eslint-config/base";

export default base;
