// ReduceLROnPlateau (torch.optim.lr_scheduler, 1.13), stepped on this step's float32 loss.
// sched = (lr, best, num_bad_epochs, cooldown_counter); best starts at ±3.4e38 ("none yet":
// WGSL may assume there are no infinities).
// c0 = (factor, min_lr, eps, 1 ∓ threshold); c1 = (threshold, patience, cooldown,
// mode: 0 min-rel, 1 min-abs, 2 max-rel, 3 max-abs).
fn reduceLrOnPlateauStep(loss: f32, c0: vec4<f32>, c1: vec4<f32>) {
  let mode = u32(c1.w);
  let best = sched.y;
  var better: bool;
  if (mode >= 2u) {
    if (mode == 2u) {
      better = best <= -3.0e38 || loss > best * c0.w;
    } else {
      better = best <= -3.0e38 || loss > best + c1.x;
    }
  } else {
    if (mode == 0u) {
      better = loss < best * c0.w;
    } else {
      better = loss < best - c1.x;
    }
  }
  if (better) {
    sched.y = loss;
    sched.z = 0.0;
  } else {
    sched.z = sched.z + 1.0;
  }
  if (sched.w > 0.0) {
    sched.w = sched.w - 1.0;
    sched.z = 0.0;
  }
  if (sched.z > c1.y) {
    let newLr = max(sched.x * c0.x, c0.y);
    if (sched.x - newLr > c0.z) {
      sched.x = newLr;
    }
    sched.w = c1.z;
    sched.z = 0.0;
  }
}
