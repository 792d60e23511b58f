/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_UNIT_MAIN_H
#define CDS_UNIT_MAIN_H

/* The main() every unit test program shares: run one suite, fail on any failure. */

#include <check.h>
#include <stdlib.h>

#include "count.h"

/* A count_t equal to a 64-bit number, shown in decimal when it is not. */
#define ck_assert_count_eq(c, n)                                                            \
    do {                                                                                    \
        char ck_count_buf_[COUNT_TEXT_MAX];                                                 \
        count_t ck_count_ = (c);                                                            \
        ck_assert_msg(count_cmp(ck_count_, count_of(n)) == 0, "%s is %s, not %llu", #c,     \
                      count_format(ck_count_, ck_count_buf_, sizeof ck_count_buf_),         \
                      (unsigned long long)(n));                                             \
    } while (0)

#define CDS_UNIT_MAIN(suite_fn)                                  \
    int main(void)                                               \
    {                                                            \
        SRunner *sr = srunner_create(suite_fn());                \
        int failed;                                              \
        srunner_run_all(sr, CK_NORMAL);                          \
        failed = srunner_ntests_failed(sr);                      \
        srunner_free(sr);                                        \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;             \
    }

#endif
