// SPDX-License-Identifier: GPL-3.0-or-later
// The per-layer link check (core/CMakeLists.txt): linked with every object of one layer and
// only the layers below it. Building it is the check; it is never run.
int main()
{
    return 0;
}
