#!/bin/sh
# Runs a command with WebGPU-in-Node pointed at SwiftShader, the software Vulkan driver in
# Debian's chromium package. Dawn loads libvulkan.so.1 when the process starts, so the library
# path must be set before Node starts: that is why this is a wrapper and not code.
# A VK_ICD_FILENAMES already set (a real GPU's driver) is kept.
if [ -f /usr/lib/chromium/vk_swiftshader_icd.json ]; then
  export LD_LIBRARY_PATH="/usr/lib/chromium${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export VK_ICD_FILENAMES="${VK_ICD_FILENAMES:-/usr/lib/chromium/vk_swiftshader_icd.json}"
fi
exec "$@"
