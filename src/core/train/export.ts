// "Copy as PyTorch" and "Copy as Keras" for a Train-view lane (the Train view's buttons).
export { pytorchTrainScript } from './exportPytorch';
export { kerasTrainScript } from './exportKeras';
