"""Administrative procedures (TTHC) each kind of unit handles in the synthetic logs.

Names and fields (lĩnh vực) are those of the national TTHC database; deadlines are in working
days (0 = the same day) as the procedures' decisions set them; codes follow the national pattern
(`1.00xxxx` provincial, `2.00xxxx` district, `1.00xxxx`/`2.00xxxx` communal) but their digits are
made up, so nobody mistakes the demo for a real catalogue."""

from __future__ import annotations

from dataclasses import dataclass

TOAN_TRINH = "Toàn trình"
MOT_PHAN = "Một phần"
OFFLINE = "Cung cấp thông tin"  # not an online public service: filed directly or by post


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    days: int
    fee: bool
    level: str
    financial: bool = False  # goes through "Yêu cầu thực hiện nghĩa vụ tài chính" (status 6)


_P = tuple[str, str, int, bool, str, int] | tuple[str, str, int, bool, str, int, bool]

_RAW: dict[str, tuple[_P, ...]] = {
    "tu_phap": (
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt "
         "Nam", "Lý lịch tư pháp", 10, True, TOAN_TRINH, 70),
        ("Cấp bản sao trích lục hộ tịch", "Hộ tịch", 0, True, TOAN_TRINH, 10),
        ("Đăng ký hành nghề và cấp Thẻ công chứng viên", "Công chứng", 10, True, MOT_PHAN, 5),
        ("Đăng ký hoạt động của tổ chức hành nghề luật sư", "Luật sư", 10, True, MOT_PHAN, 3),
        ("Thủ tục nhập quốc tịch Việt Nam", "Quốc tịch", 60, True, OFFLINE, 1),
    ),
    "khdt": (
        ("Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
         "Thành lập và hoạt động của doanh nghiệp", 3, True, TOAN_TRINH, 30),
        ("Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
         "Thành lập và hoạt động của doanh nghiệp", 3, True, TOAN_TRINH, 40),
        ("Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo",
         "Thành lập và hoạt động của doanh nghiệp", 3, False, TOAN_TRINH, 15),
        ("Giải thể doanh nghiệp", "Thành lập và hoạt động của doanh nghiệp", 5, False,
         TOAN_TRINH, 5),
        ("Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương "
         "đầu tư", "Đầu tư tại Việt Nam", 15, False, MOT_PHAN, 3),
        ("Điều chỉnh Giấy chứng nhận đăng ký đầu tư", "Đầu tư tại Việt Nam", 10, False, MOT_PHAN,
         3),
    ),
    "tai_chinh": (
        ("Đăng ký mã số đơn vị có quan hệ với ngân sách", "Tin học - Thống kê", 2, False,
         TOAN_TRINH, 60),
        ("Quyết toán dự án hoàn thành sử dụng vốn đầu tư công", "Quản lý vốn đầu tư", 30, False,
         MOT_PHAN, 30),
        ("Mua quyển hóa đơn bán tài sản công", "Quản lý công sản", 1, True, MOT_PHAN, 10),
    ),
    "cong_thuong": (
        ("Đăng ký thực hiện khuyến mại", "Xúc tiến thương mại", 3, False, TOAN_TRINH, 50),
        ("Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "Lưu thông hàng hóa trong nước", 15, True,
         TOAN_TRINH, 10),
        ("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Kinh doanh khí - xăng dầu",
         15, True, MOT_PHAN, 10),
        ("Cấp Giấy phép hoạt động phát điện", "Điện", 10, True, MOT_PHAN, 5),
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", 15,
         True, MOT_PHAN, 20),
    ),
    "nong_nghiep": (
        ("Cấp Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh", "Thú y", 1,
         True, TOAN_TRINH, 40),
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản",
         "Quản lý chất lượng nông lâm sản và thủy sản", 15, True, MOT_PHAN, 25),
        ("Phê duyệt phương án khai thác thực vật rừng thông thường", "Lâm nghiệp", 10, False,
         MOT_PHAN, 10),
        ("Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "Bảo vệ thực vật", 20,
         True, TOAN_TRINH, 10),
    ),
    "gtvt": (
        ("Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ", 5, True,
         TOAN_TRINH, 60),
        ("Cấp lại giấy phép lái xe", "Đường bộ", 10, True, MOT_PHAN, 10),
        ("Cấp phù hiệu xe ô tô kinh doanh vận tải", "Đường bộ", 2, False, TOAN_TRINH, 15),
        ("Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ", "Đường bộ",
         2, False, TOAN_TRINH, 5),
        ("Đăng ký khai thác tuyến vận tải hành khách cố định bằng xe ô tô", "Đường bộ", 3, False,
         MOT_PHAN, 3),
    ),
    "xay_dung": (
        ("Cấp giấy phép xây dựng mới đối với công trình cấp I, II", "Hoạt động xây dựng", 20,
         True, MOT_PHAN, 15),
        ("Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng", "Hoạt động xây dựng", 25, True,
         MOT_PHAN, 20),
        ("Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "Hoạt động xây dựng", 20,
         True, TOAN_TRINH, 25),
        ("Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", "Hoạt động xây dựng", 30,
         True, MOT_PHAN, 15),
    ),
    "tnmt": (
        ("Thẩm định báo cáo đánh giá tác động môi trường", "Môi trường", 30, True, MOT_PHAN, 5),
        ("Cấp giấy phép môi trường", "Môi trường", 30, True, MOT_PHAN, 8),
        ("Cấp giấy phép khai thác nước dưới đất", "Tài nguyên nước", 30, True, MOT_PHAN, 3),
        ("Giao đất, cho thuê đất đối với tổ chức", "Đất đai", 20, False, MOT_PHAN, 4, True),
    ),
    "dat_dai": (
        ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai",
         10, True, MOT_PHAN, 50, True),
        ("Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu", "Đất đai", 20,
         True, MOT_PHAN, 15, True),
        ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Đất đai", 7, True, MOT_PHAN, 15),
        ("Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
         "Đăng ký biện pháp bảo đảm", 3, True, TOAN_TRINH, 25),
        ("Xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất", "Đăng ký biện pháp bảo đảm", 2,
         True, TOAN_TRINH, 15),
        ("Cung cấp thông tin, dữ liệu đất đai", "Đất đai", 2, True, TOAN_TRINH, 8),
    ),
    "tttt": (
        ("Cấp giấy phép hoạt động in", "Xuất bản, In và Phát hành", 7, False, TOAN_TRINH, 20),
        ("Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
         "Phát thanh, truyền hình và thông tin điện tử", 10, False, TOAN_TRINH, 15),
        ("Đăng ký hoạt động cơ sở in", "Xuất bản, In và Phát hành", 5, False, TOAN_TRINH, 30),
        ("Cấp giấy phép xuất bản bản tin", "Báo chí", 10, False, MOT_PHAN, 8),
    ),
    "ldtbxh": (
        ("Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Việc làm",
         5, True, TOAN_TRINH, 25),
        ("Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "Việc làm",
         5, False, TOAN_TRINH, 10),
        ("Giải quyết hưởng trợ cấp thất nghiệp", "Việc làm", 20, False, MOT_PHAN, 40),
        ("Giải quyết chế độ trợ cấp ưu đãi đối với người có công", "Người có công", 12, False,
         MOT_PHAN, 15),
    ),
    "vhttdl": (
        ("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Văn hóa", 5, True, MOT_PHAN,
         30),
        ("Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "Du lịch", 10, True, TOAN_TRINH, 15),
        ("Tiếp nhận thông báo tổ chức biểu diễn nghệ thuật", "Nghệ thuật biểu diễn", 3, False,
         TOAN_TRINH, 25),
        ("Cấp thẻ hướng dẫn viên du lịch nội địa", "Du lịch", 10, True, TOAN_TRINH, 20),
    ),
    "khcn": (
        ("Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y "
         "tế)", "An toàn bức xạ và hạt nhân", 20, True, MOT_PHAN, 40),
        ("Đăng ký hợp đồng chuyển giao công nghệ", "Hoạt động khoa học và công nghệ", 7, True,
         MOT_PHAN, 10),
        ("Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ",
         "Hoạt động khoa học và công nghệ", 5, False, TOAN_TRINH, 10),
    ),
    "gddt": (
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Văn bằng, chứng chỉ", 0, True, TOAN_TRINH,
         45),
        ("Chỉnh sửa nội dung văn bằng, chứng chỉ", "Văn bằng, chứng chỉ", 5, False, MOT_PHAN, 10),
        ("Chuyển trường đối với học sinh trung học phổ thông", "Giáo dục trung học", 3, False,
         TOAN_TRINH, 35),
        ("Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp",
         "Văn bằng, chứng chỉ", 20, False, MOT_PHAN, 3),
    ),
    "y_te": (
        ("Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh", 20, True,
         MOT_PHAN, 20),
        ("Cấp Chứng chỉ hành nghề dược", "Dược phẩm", 20, True, MOT_PHAN, 15),
        ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ", "Dược phẩm", 20,
         True, MOT_PHAN, 25),
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (ngành Y tế)",
         "An toàn thực phẩm và dinh dưỡng", 15, True, MOT_PHAN, 20),
        ("Công bố cơ sở đủ điều kiện thực hiện tiêm chủng", "Y tế dự phòng", 10, False,
         TOAN_TRINH, 5),
    ),
    "noi_vu": (
        ("Xét tặng danh hiệu Tập thể lao động xuất sắc", "Thi đua - Khen thưởng", 20, False,
         MOT_PHAN, 40),
        ("Tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích thực hiện nhiệm vụ chính trị",
         "Thi đua - Khen thưởng", 20, False, MOT_PHAN, 40),
        ("Cho phép thành lập hội", "Tổ chức phi chính phủ", 30, False, MOT_PHAN, 5),
        ("Đăng ký hoạt động tín ngưỡng", "Tín ngưỡng, tôn giáo", 15, False, MOT_PHAN, 10),
    ),
    "ngoai_vu": (
        ("Cho phép sử dụng thẻ đi lại của doanh nhân APEC", "Lãnh sự", 10, False, MOT_PHAN, 70),
        ("Cho phép tổ chức hội nghị, hội thảo quốc tế", "Hợp tác quốc tế", 15, False, MOT_PHAN,
         30),
    ),
    "thanh_tra": (
        ("Giải quyết khiếu nại lần hai tại cấp tỉnh", "Giải quyết khiếu nại", 45, False, OFFLINE,
         60),
        ("Giải quyết tố cáo tại cấp tỉnh", "Giải quyết tố cáo", 30, False, OFFLINE, 40),
    ),
    "dan_toc": (
        ("Công nhận người có uy tín trong đồng bào dân tộc thiểu số", "Công tác dân tộc", 15,
         False, MOT_PHAN, 100),
    ),
    "kkt": (
        ("Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại khu công nghiệp",
         "Việc làm", 5, True, TOAN_TRINH, 45),
        ("Cấp giấy phép xây dựng công trình trong khu công nghiệp", "Hoạt động xây dựng", 20, True,
         MOT_PHAN, 25),
        ("Điều chỉnh Giấy chứng nhận đăng ký đầu tư (khu công nghiệp)", "Đầu tư tại Việt Nam", 10,
         False, MOT_PHAN, 30),
    ),
    "vp_ubnd": (
        ("Cung cấp thông tin theo yêu cầu của công dân", "Tiếp cận thông tin", 10, False,
         MOT_PHAN, 100),
    ),
    "trung_tam": (
        ("Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ", 5, True,
         TOAN_TRINH, 45),
        ("Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo "
         "hiểm y tế cho trẻ em dưới 6 tuổi", "Liên thông", 5, False, TOAN_TRINH, 30),
        ("Liên thông các thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hỗ trợ chi "
         "phí mai táng", "Liên thông", 5, False, TOAN_TRINH, 10),
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt "
         "Nam", "Lý lịch tư pháp", 10, True, TOAN_TRINH, 15),
    ),
    "huyen": (
        ("Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3, True,
         TOAN_TRINH, 25),
        ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
         "Thành lập và hoạt động của hộ kinh doanh", 3, True, TOAN_TRINH, 15),
        ("Cấp giấy phép xây dựng đối với nhà ở riêng lẻ", "Hoạt động xây dựng", 15, True, MOT_PHAN,
         15),
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam "
         "cấp", "Chứng thực", 0, True, MOT_PHAN, 25),
        ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", 3, True, TOAN_TRINH, 5),
        ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", "Bảo trợ xã hội", 15,
         False, MOT_PHAN, 10),
        ("Chuyển mục đích sử dụng đất", "Đất đai", 15, True, MOT_PHAN, 12, True),
        ("Giao đất, cho thuê đất đối với hộ gia đình, cá nhân", "Đất đai", 20, False, MOT_PHAN, 5,
         True),
    ),
    "xa": (
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam "
         "cấp", "Chứng thực", 0, True, MOT_PHAN, 35),
        ("Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", 0, True, OFFLINE, 15),
        ("Đăng ký khai sinh", "Hộ tịch", 1, False, TOAN_TRINH, 15),
        ("Đăng ký kết hôn", "Hộ tịch", 1, False, TOAN_TRINH, 5),
        ("Đăng ký khai tử", "Hộ tịch", 1, False, TOAN_TRINH, 5),
        ("Cấp bản sao trích lục hộ tịch", "Hộ tịch", 0, True, TOAN_TRINH, 8),
        ("Xác nhận tình trạng hôn nhân", "Hộ tịch", 3, True, TOAN_TRINH, 10),
        ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", 5, False,
         MOT_PHAN, 2),
    ),
    # Below: the phòng and đơn vị of the encoded plans (pipelines/demo/plans.py). Listed after
    # the province's profiles so that the codes above do not move.
    "vp_so": (
        ("Cung cấp thông tin theo yêu cầu của công dân", "Tiếp cận thông tin", 10, False,
         MOT_PHAN, 100),
    ),
    "thanh_tra_so": (
        ("Giải quyết khiếu nại lần đầu", "Giải quyết khiếu nại", 30, False, OFFLINE, 70),
        ("Giải quyết tố cáo", "Giải quyết tố cáo", 30, False, OFFLINE, 30),
    ),
    "ngv_lanh_su": (
        ("Cho phép sử dụng thẻ đi lại của doanh nhân APEC", "Lãnh sự", 10, False, MOT_PHAN, 70),
        ("Cấp công hàm đề nghị cơ quan đại diện nước ngoài cấp thị thực", "Lãnh sự", 3, False,
         MOT_PHAN, 30),
        ("Cho phép người nước ngoài vào khu vực biên giới đất liền", "Biên giới", 5, False,
         MOT_PHAN, 20),
    ),
    "ngv_htqt": (
        ("Cho phép tổ chức hội nghị, hội thảo quốc tế", "Hợp tác quốc tế", 15, False, MOT_PHAN,
         60),
        ("Phê duyệt khoản viện trợ phi dự án của tổ chức phi chính phủ nước ngoài",
         "Viện trợ phi chính phủ nước ngoài", 20, False, MOT_PHAN, 40),
    ),
    "ngv_ttdn": (
        ("Cho phép phóng viên nước ngoài hoạt động thông tin, báo chí tại địa phương",
         "Thông tin đối ngoại", 5, False, MOT_PHAN, 100),
    ),
    "ldtbxh_viec_lam": (
        ("Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Việc làm",
         5, True, TOAN_TRINH, 60),
        ("Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "Việc làm",
         5, False, TOAN_TRINH, 25),
        ("Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp", "Giáo dục nghề nghiệp",
         10, False, MOT_PHAN, 15),
    ),
    "ldtbxh_ncc": (
        ("Giải quyết chế độ trợ cấp ưu đãi đối với người có công", "Người có công", 12, False,
         MOT_PHAN, 60),
        ("Cấp giấy xác nhận thân nhân của người có công", "Người có công", 5, False, MOT_PHAN,
         40),
    ),
    "ldtbxh_btxh": (
        ("Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp "
         "xã hội cấp tỉnh", "Bảo trợ xã hội", 7, False, MOT_PHAN, 50),
        ("Cấp giấy chứng nhận đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập",
         "Bảo trợ xã hội", 15, False, MOT_PHAN, 20),
        ("Đăng ký nhận chăm sóc thay thế cho trẻ em", "Trẻ em", 10, False, MOT_PHAN, 30),
    ),
    "ldtbxh_dvvl": (
        ("Giải quyết hưởng trợ cấp thất nghiệp", "Việc làm", 20, False, MOT_PHAN, 70),
        ("Tạm dừng hưởng trợ cấp thất nghiệp", "Việc làm", 3, False, TOAN_TRINH, 20),
        ("Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp", "Việc làm", 20, False,
         MOT_PHAN, 10),
    ),
    "ldtbxh_tt_btxh": (
        ("Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp "
         "xã hội cấp tỉnh", "Bảo trợ xã hội", 7, False, MOT_PHAN, 100),
    ),
    "ldtbxh_cai_nghien": (
        ("Tiếp nhận người cai nghiện ma túy tự nguyện vào cơ sở cai nghiện",
         "Phòng, chống tệ nạn xã hội", 5, False, MOT_PHAN, 100),
    ),
    "gddt_trung_hoc": (
        ("Chuyển trường đối với học sinh trung học phổ thông", "Giáo dục trung học", 3, False,
         TOAN_TRINH, 70),
        ("Xin học lại tại trường khác đối với học sinh trung học", "Giáo dục trung học", 5,
         False, MOT_PHAN, 30),
    ),
    "gddt_mam_non": (
        ("Công nhận trường tiểu học đạt chuẩn quốc gia", "Giáo dục tiểu học", 20, False,
         MOT_PHAN, 60),
        ("Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục",
         "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân", 20, False, MOT_PHAN, 40),
    ),
    "gddt_khao_thi": (
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Văn bằng, chứng chỉ", 0, True, TOAN_TRINH,
         70),
        ("Chỉnh sửa nội dung văn bằng, chứng chỉ", "Văn bằng, chứng chỉ", 5, False, MOT_PHAN, 20),
        ("Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp",
         "Văn bằng, chứng chỉ", 20, False, MOT_PHAN, 10),
    ),
    "truong_thpt": (
        ("Chuyển trường đối với học sinh trung học phổ thông", "Giáo dục trung học", 3, False,
         TOAN_TRINH, 60),
        ("Xin học lại tại trường khác đối với học sinh trung học", "Giáo dục trung học", 5,
         False, MOT_PHAN, 25),
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Văn bằng, chứng chỉ", 0, True, TOAN_TRINH,
         15),
    ),
    "gdtx": (
        ("Tuyển sinh học viên chương trình giáo dục thường xuyên cấp trung học phổ thông",
         "Giáo dục thường xuyên", 10, False, MOT_PHAN, 100),
    ),
    "stc_ngan_sach": (
        ("Đăng ký mã số đơn vị có quan hệ với ngân sách", "Tin học - Thống kê", 2, False,
         TOAN_TRINH, 100),
    ),
    "stc_dau_tu": (
        ("Quyết toán dự án hoàn thành sử dụng vốn đầu tư công", "Quản lý vốn đầu tư", 30, False,
         MOT_PHAN, 100),
    ),
    "stc_gia_cong_san": (
        ("Mua quyển hóa đơn bán tài sản công", "Quản lý công sản", 1, True, MOT_PHAN, 60),
        ("Hiệp thương giá", "Quản lý giá", 15, False, MOT_PHAN, 40),
    ),
    "stc_doanh_nghiep": (
        ("Đăng ký giá của doanh nghiệp", "Quản lý giá", 5, False, TOAN_TRINH, 100),
    ),
    # District-level phòng (procedures of cấp huyện: codes 2.00xxxx).
    "huyen_van_phong": (
        ("Cung cấp thông tin theo yêu cầu của công dân", "Tiếp cận thông tin", 10, False,
         MOT_PHAN, 100),
    ),
    "huyen_noi_vu": (
        ("Đăng ký hoạt động tín ngưỡng", "Tín ngưỡng, tôn giáo", 15, False, MOT_PHAN, 40),
        ("Tặng Giấy khen của Chủ tịch UBND cấp huyện về thực hiện nhiệm vụ chính trị",
         "Thi đua - Khen thưởng", 20, False, MOT_PHAN, 60),
    ),
    "huyen_tu_phap": (
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam "
         "cấp", "Chứng thực", 0, True, MOT_PHAN, 50),
        ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", 3, True, TOAN_TRINH, 25),
        ("Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch", 15, True, MOT_PHAN, 10),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "Chứng thực", 2,
         True, OFFLINE, 15),
    ),
    "huyen_tckh": (
        ("Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3, True,
         TOAN_TRINH, 65),
        ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
         "Thành lập và hoạt động của hộ kinh doanh", 3, True, TOAN_TRINH, 35),
    ),
    "huyen_tnmt": (
        ("Chuyển mục đích sử dụng đất", "Đất đai", 15, True, MOT_PHAN, 50, True),
        ("Giao đất, cho thuê đất đối với hộ gia đình, cá nhân", "Đất đai", 20, False, MOT_PHAN,
         20, True),
        ("Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân",
         "Đất đai", 30, True, MOT_PHAN, 30, True),
    ),
    "huyen_kt_ht": (
        ("Cấp giấy phép xây dựng đối với nhà ở riêng lẻ", "Hoạt động xây dựng", 15, True, MOT_PHAN,
         80),
        ("Cấp giấy phép sửa chữa, cải tạo công trình", "Hoạt động xây dựng", 15, True, MOT_PHAN,
         20),
    ),
    "huyen_ldtbxh": (
        ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", "Bảo trợ xã hội", 15,
         False, MOT_PHAN, 60),
        ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", 5, False,
         MOT_PHAN, 20),
        ("Giải quyết chế độ mai táng phí đối với cựu chiến binh", "Người có công", 5, False,
         MOT_PHAN, 20),
    ),
    "huyen_vhtt": (
        ("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Văn hóa", 5, True, MOT_PHAN,
         60),
        ("Xét tặng danh hiệu Gia đình văn hóa", "Văn hóa cơ sở", 10, False, OFFLINE, 40),
    ),
    "huyen_gddt": (
        ("Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục trung học", 3, False,
         TOAN_TRINH, 70),
        ("Cho phép trường mầm non, nhà trẻ tư thục hoạt động giáo dục", "Giáo dục mầm non", 20,
         False, MOT_PHAN, 30),
    ),
    "huyen_y_te": (
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm và dinh "
         "dưỡng", 15, True, MOT_PHAN, 100),
    ),
    "huyen_nong_nghiep": (
        ("Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", "Nông nghiệp", 10, False,
         MOT_PHAN, 100),
    ),
    "huyen_thanh_tra": (
        ("Giải quyết khiếu nại lần đầu", "Giải quyết khiếu nại", 30, False, OFFLINE, 100),
    ),
}


def _build() -> tuple[tuple[Procedure, ...], dict[str, tuple[int, ...]]]:
    """One flat list of procedures (the same name at the same level shares one code) and, per
    profile, the indices into it."""
    procedures: list[Procedure] = []
    by_key: dict[tuple[str, str], int] = {}
    profiles: dict[str, tuple[int, ...]] = {}
    for profile, rows in _RAW.items():
        level = "2" if profile in ("huyen", "xa") or profile.startswith("huyen_") else "1"
        indices = []
        for row in rows:
            name, field, days, fee, online = row[:5]
            key = (level, name)
            if key not in by_key:
                by_key[key] = len(procedures)
                code = f"{level}.00{(2113 + 379 * len(procedures)) % 9000 + 1000:04d}"
                procedures.append(Procedure(code, name, field, days, fee, online,
                                            bool(row[6]) if len(row) > 6 else False))
            indices.append(by_key[key])
        profiles[profile] = tuple(indices)
    return tuple(procedures), profiles


PROCEDURES, PROFILES = _build()


def weights(profile: str) -> list[int]:
    """Relative frequency of each of the profile's procedures (same order as PROFILES)."""
    return [int(row[5]) for row in _RAW[profile]]
