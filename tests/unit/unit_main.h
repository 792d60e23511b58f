#ifndef CDS_UNIT_MAIN_H
#define CDS_UNIT_MAIN_H

/* The main() every unit test program shares: run one suite, fail on any failure. */

#include <check.h>
#include <stdlib.h>

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
