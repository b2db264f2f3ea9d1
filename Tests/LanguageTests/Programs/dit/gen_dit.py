#!/usr/bin/env python3
"""Fixture for stdlib/dit.dtr: the same tiny DiT in PyTorch (f64), written out for DiTTests.

The model follows the structure of the official DiT models.py (Peebles & Xie 2023; timm's
Attention and Mlp, adaLN-Zero, 2-D sin-cos positions, learn_sigma off) with the official
DTR block (routed = x·m; attention and MLP residuals on routed; out = routed + x·(1 − m)).
Every weight is drawn at random (not DiT's zero init, so every layer matters) and saved in
dtr's layout (linear weights transposed, attention proj split by head). Also saved: inputs
x, t, y, a DTR mask, the output eps, the gradients of loss = Σ eps·cos(k) and the trainable
parameter counts of two configurations.

Run: /path/to/venv/bin/python Tests/LanguageTests/Programs/dit/gen_dit.py  (numpy + torch)
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float64)


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float64) / half)
    args = t[:, None].double() * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


def sincos_2d(hidden, grid):
    q = hidden // 4
    omega = 1.0 / 10000 ** (np.arange(q, dtype=np.float64) / q)
    k = np.arange(grid * grid)
    col = np.outer(k % grid, omega)
    row = np.outer(k // grid, omega)
    return np.concatenate([np.sin(col), np.cos(col), np.sin(row), np.cos(row)], axis=1)


class Block(nn.Module):
    def __init__(self, hidden, heads, mlp_ratio):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.proj = nn.Linear(hidden, hidden)
        self.fc1 = nn.Linear(hidden, hidden * mlp_ratio)
        self.fc2 = nn.Linear(hidden * mlp_ratio, hidden)
        self.ada = nn.Linear(hidden, 6 * hidden)
        self.norm = nn.LayerNorm(hidden, elementwise_affine=False, eps=1e-6)

    def attn(self, x):
        B, N, C = x.shape
        d = C // self.heads
        qkv = self.qkv(x).reshape(B, N, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        a = torch.softmax(qkv[0] @ qkv[1].transpose(-2, -1) * d ** -0.5, dim=-1)
        return self.proj((a @ qkv[2]).transpose(1, 2).reshape(B, N, C))

    def mlp(self, x):
        return self.fc2(nn.functional.gelu(self.fc1(x), approximate="tanh"))

    def forward(self, x, c, m):
        sm, cm, gm, sp, cp, gp = self.ada(nn.functional.silu(c)).chunk(6, dim=1)
        mod = lambda h, shift, scale: h * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1)
        r = x * m
        r = r + gm.unsqueeze(1) * self.attn(mod(self.norm(r), sm, cm))
        r = r + gp.unsqueeze(1) * self.mlp(mod(self.norm(r), sp, cp))
        return r + x * (1 - m)


class DiT(nn.Module):
    def __init__(self, image=8, patch=2, channels=1, hidden=64, depth=4, heads=4, mlp_ratio=4, classes=10):
        super().__init__()
        self.p, self.c, self.hidden = patch, channels, hidden
        self.x_embedder = nn.Conv2d(channels, hidden, patch, stride=patch)
        g = image // patch
        self.pos_embed = nn.Parameter(torch.from_numpy(sincos_2d(hidden, g))[None], requires_grad=False)
        self.t1 = nn.Linear(256, hidden)
        self.t2 = nn.Linear(hidden, hidden)
        self.y_table = nn.Embedding(classes + 1, hidden)
        self.blocks = nn.ModuleList([Block(hidden, heads, mlp_ratio) for _ in range(depth)])
        self.final_ada = nn.Linear(hidden, 2 * hidden)
        self.final_out = nn.Linear(hidden, patch * patch * channels)
        self.norm = nn.LayerNorm(hidden, elementwise_affine=False, eps=1e-6)

    def forward(self, x, t, y, mask):
        n = x.shape[0]
        h = self.x_embedder(x).flatten(2).transpose(1, 2) + self.pos_embed
        c = self.t2(nn.functional.silu(self.t1(timestep_embedding(t, 256)))) + self.y_table(y)
        m = mask[t].unsqueeze(1)
        for b in self.blocks:
            h = b(h, c, m)
        shift, scale = self.final_ada(nn.functional.silu(c)).chunk(2, dim=1)
        h = self.norm(h) * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1)
        out = self.final_out(h)
        g = int(math.isqrt(out.shape[1]))
        out = out.reshape(n, g, g, self.p, self.p, self.c)
        return torch.einsum("nhwpqc->nchpwq", out).reshape(n, self.c, g * self.p, g * self.p)


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def dtr_leaves(model):
    """(name, tensor in dtr's layout) for every trainable parameter."""
    out = [("patch_w", model.x_embedder.weight.reshape(model.hidden, -1).T),
           ("patch_b", model.x_embedder.bias),
           ("t1_w", model.t1.weight.T), ("t1_b", model.t1.bias),
           ("t2_w", model.t2.weight.T), ("t2_b", model.t2.bias),
           ("y", model.y_table.weight)]
    for i, b in enumerate(model.blocks):
        C = model.hidden
        out += [(f"b{i}_qkv_w", b.qkv.weight.T), (f"b{i}_qkv_b", b.qkv.bias),
                (f"b{i}_proj_w", b.proj.weight.T.reshape(b.heads, C // b.heads, C)), (f"b{i}_proj_b", b.proj.bias),
                (f"b{i}_fc1_w", b.fc1.weight.T), (f"b{i}_fc1_b", b.fc1.bias),
                (f"b{i}_fc2_w", b.fc2.weight.T), (f"b{i}_fc2_b", b.fc2.bias),
                (f"b{i}_ada_w", b.ada.weight.T), (f"b{i}_ada_b", b.ada.bias)]
    out += [("final_ada_w", model.final_ada.weight.T), ("final_ada_b", model.final_ada.bias),
            ("final_out_w", model.final_out.weight.T), ("final_out_b", model.final_out.bias)]
    return out


def dtr_mask(T, C, beta=0.8, alpha=4):
    k = int(C * beta)
    starts = np.round(np.linspace(0, 1, T) ** alpha * (C - k)).astype(int)
    m = np.zeros((T, C))
    for t, s in enumerate(starts):
        m[t, s:s + k] = 1
    return m


def main():
    counts = {"default": trainable(DiT()), "small": trainable(DiT(hidden=32, depth=2, heads=4, mlp_ratio=4))}
    torch.manual_seed(0)
    model = DiT(hidden=32, depth=2, heads=4, mlp_ratio=4)
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:
                p.copy_(torch.randn_like(p) * 0.3)
    T, n = 100, 5
    mask = torch.from_numpy(dtr_mask(T, 32))
    x = torch.randn(n, 1, 8, 8)
    t = torch.tensor([0, 17, 50, 99, 3])
    y = torch.tensor([3, 10, 7, 0, 10])
    eps = model(x, t, y, mask)
    w = torch.cos(torch.arange(eps.numel(), dtype=torch.float64)).reshape(eps.shape)
    (eps * w).sum().backward()
    for name, v in dtr_leaves(model):
        np.save(os.path.join(HERE, name + ".npy"), v.detach().numpy())
    named = dict(zip([k for k, _ in dtr_leaves(model)], [p for _, p in dtr_leaves(model)]))
    grads = {"t1_w": model.t1.weight.grad.T, "b0_qkv_w": model.blocks[0].qkv.weight.grad.T,
             "b1_proj_w": model.blocks[1].proj.weight.grad.T.reshape(4, 8, 32), "y": model.y_table.weight.grad,
             "patch_w": model.x_embedder.weight.grad.reshape(32, -1).T, "final_out_w": model.final_out.weight.grad.T}
    for k, g in grads.items():
        assert named[k].shape == g.shape
        np.save(os.path.join(HERE, "grad_" + k + ".npy"), g.numpy())
    for name, v in [("x", x), ("t", t.double()), ("y_labels", y.double()), ("mask", mask), ("eps", eps)]:
        np.save(os.path.join(HERE, name + ".npy"), v.detach().numpy())
    with open(os.path.join(HERE, "counts.json"), "w") as f:
        json.dump(counts, f, indent=1)
    print(counts)


if __name__ == "__main__":
    main()
